package notify

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// LINE WORKS service-account authentication: a JWT (RS256; iss the client
// ID, sub the service account, iat, and exp at most an hour later) signed
// with the app's private key is exchanged at /oauth2/v2.0/token
// (grant_type urn:ietf:params:oauth:grant-type:jwt-bearer, with client_id,
// client_secret and scope) for an access token valid 24 hours, kept in
// memory and fetched again five minutes before it runs out.
// https://developers.worksmobile.com/jp/docs/auth-jwt
// https://developers.worksmobile.com/en/docs/auth-jwt

type cachedToken struct {
	token   string
	expires time.Time
	creds   string // a digest of the settings it was made from
}

// lineWorksToken returns a cached or new access token for c.
func (n *Notifier) lineWorksToken(ctx context.Context, c *hitori.AlertChannel) (string, error) {
	creds := credsDigest(c)
	now := n.now()
	n.mu.Lock()
	t, ok := n.tokens[c.ID]
	n.mu.Unlock()
	if ok && t.creds == creds && now.Before(t.expires.Add(-5*time.Minute)) {
		return t.token, nil
	}
	key, err := parseRSAKey(c.Setting("private_key"))
	if err != nil {
		return "", err
	}
	assertion, err := signJWT(key, c.Setting("client_id"), c.Setting("service_account"), now)
	if err != nil {
		return "", err
	}
	form := url.Values{"assertion": {assertion}, "grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"client_id": {c.Setting("client_id")}, "client_secret": {c.Setting("client_secret")}, "scope": {"bot"}}
	target := strings.TrimRight(n.Endpoints.LineWorksAuth, "/") + "/oauth2/v2.0/token"
	_, answer, err := n.post(ctx, target, "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
	if err != nil {
		if f, ok := err.(*Failure); ok {
			f.Msg = "lineworks token: " + f.Msg
		}
		return "", err
	}
	var tr struct {
		AccessToken string          `json:"access_token"`
		ExpiresIn   json.RawMessage `json:"expires_in"` // "86400": documented as a string
	}
	if err := json.Unmarshal(answer, &tr); err != nil || tr.AccessToken == "" {
		return "", retryablef("lineworks token: the answer has no access_token")
	}
	secs, err := strconv.Atoi(strings.Trim(string(tr.ExpiresIn), `"`))
	if err != nil || secs <= 0 {
		secs = 3600
	}
	n.mu.Lock()
	if n.tokens == nil {
		n.tokens = map[int64]cachedToken{}
	}
	n.tokens[c.ID] = cachedToken{token: tr.AccessToken, expires: now.Add(time.Duration(secs) * time.Second), creds: creds}
	n.mu.Unlock()
	return tr.AccessToken, nil
}

func (n *Notifier) forgetToken(channelID int64) {
	n.mu.Lock()
	delete(n.tokens, channelID)
	n.mu.Unlock()
}

// credsDigest changes when any setting a token depends on changes, so an
// edited channel never uses a token of its old app.
func credsDigest(c *hitori.AlertChannel) string {
	h := sha256.New()
	for _, k := range []string{"client_id", "client_secret", "service_account", "private_key"} {
		fmt.Fprintf(h, "%d:%s;", len(c.Setting(k)), c.Setting(k))
	}
	return string(h.Sum(nil))
}

// parseRSAKey reads the PEM private key LINE WORKS issues (PKCS #8), or a
// PKCS #1 one.
func parseRSAKey(s string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil, permanentf("lineworks: the private key is not PEM")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, permanentf("lineworks: the private key cannot be read: %v", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, permanentf("lineworks: the private key is not an RSA key")
	}
	return rk, nil
}

// signJWT makes the service account's assertion (RFC 7519, RS256).
func signJWT(key *rsa.PrivateKey, clientID, account string, now time.Time) (string, error) {
	enc := base64.RawURLEncoding
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT"})
	claims, _ := json.Marshal(map[string]any{"iss": clientID, "sub": account, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()})
	signing := enc.EncodeToString(header) + "." + enc.EncodeToString(claims)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", permanentf("lineworks: sign: %v", err)
	}
	return signing + "." + enc.EncodeToString(sig), nil
}
