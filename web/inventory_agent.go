package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"hitori/asset"
	"hitori/inventory"
)

// The endpoint unmodified inventory agents report to: FusionInventory 2.6
// and OCS Inventory (XML, PROLOG then INVENTORY) and GLPI Agent (JSON).
// Agents keep no cookies and may send HTTP Basic credentials, so these
// routes pass neither the CSRF check nor session/token identification
// (agentPaths); the site's own agent credentials guard them instead.

// agentPaths are the URLs agents are commonly configured with.
var agentPaths = []string{"/inventory", "/ocsinventory", "/front/inventory.php"}

// inventoryAgentRoutes are the agent endpoints.
func (s *Server) inventoryAgentRoutes() []route {
	var out []route
	for _, p := range agentPaths {
		out = append(out, route{"POST " + p, public, s.inventoryAgent, true})
	}
	// FusionInventory asks for its other tasks' configuration with GET.
	return append(out, route{"GET /inventory", public, s.inventoryAgentConfig, true})
}

// skipForAgents sends agent requests past the CSRF and identification
// middleware (next) straight to the routes.
func skipForAgents(next, mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range agentPaths {
			if r.URL.Path == p {
				mux.ServeHTTP(w, r)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// agentReply writes a reply encoded as the request was.
func agentReply(w http.ResponseWriter, status int, body []byte, json bool, c inventory.Compression) {
	ct := "application/xml; charset=utf-8"
	if json {
		ct = "application/json"
	}
	if c != inventory.Plain {
		ct = "application/x-compress-zlib"
		if c == inventory.Gzip {
			ct = "application/x-compress-gzip"
		}
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(inventory.Compress(body, c))
}

// agentError answers in the protocol's error form.
func agentError(w http.ResponseWriter, status int, reason string, json bool, c inventory.Compression) {
	if json {
		agentReply(w, status, inventory.JSONError(reason), true, c)
		return
	}
	agentReply(w, status, inventory.ReplyError(reason), false, c)
}

// agentAllowed checks the site's agent credentials, answering 401 with a
// Basic challenge (realm "hitori", which the OCS agent's --realm names).
func (s *Server) agentAllowed(w http.ResponseWriter, r *http.Request, st asset.InventorySettings, json bool) bool {
	user, pass, ok := r.BasicAuth()
	if st.CheckAgentCredentials(user, pass, ok) {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="hitori"`)
	agentError(w, http.StatusUnauthorized, "authentication required", json, inventory.Plain)
	return false
}

// inventoryAgentConfig is GET /inventory: FusionInventory's getConfig
// for tasks hitori does not run; an empty schedule keeps it quiet.
func (s *Server) inventoryAgentConfig(w http.ResponseWriter, r *http.Request) error {
	st, err := s.asset.InventorySettings(r.Context())
	if err != nil {
		return err
	}
	if !s.agentAllowed(w, r, st, true) {
		return nil
	}
	agentReply(w, http.StatusOK, []byte(`{"schedule":[]}`), true, inventory.Plain)
	return nil
}

// inventoryAgent is POST /inventory (and the other agent paths).
func (s *Server) inventoryAgent(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	jsonish := strings.Contains(r.Header.Get("Content-Type"), "json") || r.Header.Get("GLPI-Agent-ID") != ""
	st, err := s.asset.InventorySettings(ctx)
	if err != nil {
		return err
	}
	if !s.agentAllowed(w, r, st, jsonish) {
		return nil
	}
	msg, body, comp, err := s.decodeAgentMessage(ctx, r.Body)
	var bad *inventory.MalformedError
	switch {
	case errors.Is(err, inventory.ErrTooLarge):
		agentError(w, http.StatusRequestEntityTooLarge, "message too large", jsonish, comp)
		return nil
	case errors.As(err, &bad):
		agentError(w, http.StatusBadRequest, bad.Reason, jsonish || isJSONBody(body), comp)
		return nil
	case errors.Is(err, errUnreadableBody):
		agentError(w, http.StatusBadRequest, "unreadable body", jsonish, comp)
		return nil
	case err != nil:
		return err
	}
	json := msg.Format == inventory.JSON
	if msg.Report != nil {
		if _, err := s.asset.Ingest(ctx, msg.Report, clientIP(r)); err != nil {
			s.log.Error("inventory report", "request_id", requestID(r), "device", msg.DeviceID, "err", err)
			agentError(w, http.StatusInternalServerError, "internal error", json, comp)
			return nil
		}
	}
	switch {
	case json && msg.Query == "contact":
		agentReply(w, http.StatusOK, inventory.JSONContact(st.PrologHours), true, comp)
	case json:
		agentReply(w, http.StatusOK, inventory.JSONOK(st.PrologHours), true, comp)
	case msg.Query == "PROLOG" && r.Header.Get("GLPI-Agent-ID") != "":
		// GLPI Agent: a JSON answer to its PROLOG moves it to the JSON protocol.
		agentReply(w, http.StatusOK, inventory.JSONOK(st.PrologHours), true, comp)
	case msg.Query == "PROLOG":
		agentReply(w, http.StatusOK, inventory.ReplySend(st.PrologHours), false, comp)
	default:
		agentReply(w, http.StatusOK, inventory.ReplyStored(), false, comp)
	}
	return nil
}

var errUnreadableBody = errors.New("web: unreadable agent message")

// decodeAgentMessage reads an agent's message as it is sent, then
// decompresses and parses it, at most as many at a time as there are
// cores: the work is CPU-bound, so more at once finish no sooner, and a
// fleet's agents arriving together would each hold a report of a few
// hundred KB (and what is parsed from it) in memory meanwhile. An agent on
// a slow line holds no slot while it sends. body is the decompressed
// message (nil when it could not be had).
func (s *Server) decodeAgentMessage(ctx context.Context, r io.Reader) (msg *inventory.Message, body []byte, comp inventory.Compression, err error) {
	raw, err := inventory.ReadRaw(r, inventory.MaxBody)
	switch {
	case errors.Is(err, inventory.ErrTooLarge):
		return nil, nil, inventory.Plain, err
	case err != nil:
		return nil, nil, inventory.Plain, errUnreadableBody
	}
	select {
	case s.agentDecoding <- struct{}{}:
		defer func() { <-s.agentDecoding }()
	case <-ctx.Done():
		return nil, nil, inventory.Plain, ctx.Err()
	}
	if body, comp, err = inventory.Decompress(raw, inventory.MaxBody); err != nil {
		return nil, nil, comp, err
	}
	msg, err = inventory.Parse(body)
	return msg, body, comp, err
}

func isJSONBody(b []byte) bool {
	t := strings.TrimSpace(string(b[:min(len(b), 16)]))
	return strings.HasPrefix(t, "{")
}
