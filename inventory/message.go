package inventory

import (
	"bytes"
	"encoding/json"
	"html"

	"hitori"
)

// Format is the protocol a message came in.
type Format int

// The two protocols.
const (
	XML  Format = iota // FusionInventory, OCS Inventory, GLPI Agent's first PROLOG
	JSON               // GLPI Agent's native protocol
)

// Message is one request of an agent.
type Message struct {
	Format   Format
	Query    string // XML: PROLOG, INVENTORY; JSON: the action (contact, inventory, …)
	DeviceID string
	Report   *hitori.InventoryReport // inventories only
}

// Parse reads a decompressed message of either protocol. An error is a
// *MalformedError.
func Parse(body []byte) (*Message, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
	switch {
	case len(trimmed) == 0:
		return nil, malformed("empty message")
	case trimmed[0] == '{':
		return parseJSON(trimmed)
	case trimmed[0] == '<':
		return parseXML(trimmed)
	}
	return nil, malformed("neither XML nor JSON")
}

// ReplySend is the PROLOG answer that makes an agent send its inventory,
// and come back after freq hours.
func ReplySend(freqHours int) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>` + itoa(freqHours) + `</PROLOG_FREQ></REPLY>`)
}

// ReplyStored answers a stored inventory. NO_ACCOUNT_UPDATE: hitori keeps
// no agent accounts for the OCS agent to update.
func ReplyStored() []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<REPLY><RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE></REPLY>`)
}

// ReplyError is the XML error form: <REPLY><ERROR>…</ERROR></REPLY>.
func ReplyError(reason string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<REPLY><ERROR>` + html.EscapeString(reason) + `</ERROR></REPLY>`)
}

// JSONContact answers GLPI Agent's contact: plan an inventory every
// freq hours.
func JSONContact(freqHours int) []byte {
	return mustJSON(map[string]any{"status": "ok", "expiration": freqHours,
		"tasks": map[string]any{"inventory": map[string]any{"server": "hitori", "version": "1"}}})
}

// JSONOK answers other JSON actions (inventory, prolog, get_params).
func JSONOK(freqHours int) []byte {
	return mustJSON(map[string]any{"status": "ok", "expiration": freqHours})
}

// JSONError is the JSON protocol's error form.
func JSONError(reason string) []byte {
	return mustJSON(map[string]any{"status": "error", "message": reason, "expiration": 24})
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
