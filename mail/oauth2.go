package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// TokenSource supplies OAuth 2.0 access tokens for XOAUTH2 logins
// (Microsoft 365, Google Workspace).
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// TokenFunc adapts a function to TokenSource.
type TokenFunc func(ctx context.Context) (string, error)

// Token implements TokenSource.
func (f TokenFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// RefreshToken exchanges a long-lived refresh token for access tokens at an
// OAuth 2.0 token endpoint and caches each until shortly before it expires.
// Microsoft 365: TokenURL https://login.microsoftonline.com/TENANT/oauth2/v2.0/token,
// Scopes "https://outlook.office365.com/IMAP.AccessAsUser.All" (or
// ".../SMTP.Send") and "offline_access". Google: TokenURL
// https://oauth2.googleapis.com/token, Scopes "https://mail.google.com/".
type RefreshToken struct {
	TokenURL     string
	ClientID     string
	ClientSecret string
	Refresh      string
	Scopes       []string
	HTTP         *http.Client     // nil: a client with a 30 s timeout
	Now          func() time.Time // nil: time.Now
	// OnRotate receives a new refresh token when the server issues one
	// (Microsoft does on every refresh), so the caller can store it.
	OnRotate func(refresh string)

	mu      sync.Mutex
	access  string
	expires time.Time
}

// Token returns a cached access token, or fetches a new one.
func (r *RefreshToken) Token(ctx context.Context) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	if r.access != "" && now().Before(r.expires) {
		return r.access, nil
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {r.Refresh}, "client_id": {r.ClientID}}
	if r.ClientSecret != "" {
		form.Set("client_secret", r.ClientSecret)
	}
	if len(r.Scopes) > 0 {
		form.Set("scope", strings.Join(r.Scopes, " "))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("mail: oauth2 token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	client := r.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("mail: oauth2 token: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken  string `json:"access_token"`
		ExpiresIn    int64  `json:"expires_in"`
		RefreshToken string `json:"refresh_token"`
		Error        string `json:"error"`
		Description  string `json:"error_description"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil && resp.StatusCode == http.StatusOK {
		return "", fmt.Errorf("mail: oauth2 token: %w", err)
	}
	if resp.StatusCode != http.StatusOK || body.AccessToken == "" {
		return "", fmt.Errorf("mail: oauth2 token: %s: %s %s", resp.Status, body.Error, firstLine(body.Description))
	}
	r.access = body.AccessToken
	life := time.Duration(body.ExpiresIn) * time.Second
	if life <= 0 {
		life = 10 * time.Minute
	}
	r.expires = now().Add(life - min(life/10, time.Minute)) // renew a little early
	if body.RefreshToken != "" && body.RefreshToken != r.Refresh {
		r.Refresh = body.RefreshToken
		if r.OnRotate != nil {
			r.OnRotate(body.RefreshToken)
		}
	}
	return r.access, nil
}

// xoauth2 is the initial response of the XOAUTH2 SASL mechanism that
// Microsoft and Google use for IMAP and SMTP.
func xoauth2(user, token string) []byte {
	return []byte("user=" + user + "\x01auth=Bearer " + token + "\x01\x01")
}

// firstLine keeps an error description short.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
