// Package binder writes the offline handover binder: one self-contained
// HTML file (inline CSS, embedded SVG, no script, no network) that opens
// from a USB stick and prints on A4 with Japanese fonts, holding what a
// successor needs on the day the IT administrator is gone. It speaks
// domain types; what to put in is gathered by Collect from narrow sources.
package binder

import (
	"html/template"
	"time"

	"hitori"
)

// Binder is everything the binder shows.
type Binder struct {
	Lang      string // "ja" (default) or "en"
	Company   string // shown on the cover; "" leaves it out
	BaseURL   string // where hitori runs, for the recovery steps
	Generated time.Time
	Register  Register
	Runbooks  []Runbook
	Assets    AssetSummary
	Duties    []Duty
	Recovery  Recovery
	// VaultFile is the vault's export encrypted under the passphrase the
	// user gave; nil unless they asked for credentials. Never plaintext.
	VaultFile []byte
}

// Runbook is a knowledge article with its body rendered to safe HTML.
type Runbook struct {
	Article *hitori.Article
	HTML    template.HTML
}

// AssetSummary counts the register and lists warranties ending soon.
type AssetSummary struct {
	Total      int
	ByType     []Count
	ByStatus   []Count
	Warranties []*hitori.Asset // warranty ending within WarrantyHorizon, soonest first
}

// Count is one row of a summary table: a key (type or status) and how many.
type Count struct {
	Key string
	N   int
}

// WarrantyHorizon is how far ahead the binder lists ending warranties.
const WarrantyHorizon = 180 * 24 * time.Hour

// Register is the handover register: systems, vendors, contracts, the
// configuration diagram and the renewal calendar.
type Register struct {
	Systems   []*hitori.System
	Vendors   []*hitori.Vendor
	Contracts []*hitori.Contract
	Diagram   template.HTML // the configuration diagram as inline SVG; "" when none
	Renewals  []Renewal
}

// Renewal is one date of the renewal calendar.
type Renewal struct {
	On    hitori.Date
	Kind  hitori.ExpiryKind // decision (last day to cancel), contract_end, renewal, warranty, lease, certificate
	Label string
}

// Duty is one recurring duty (backups to check, patches to apply …) as the
// binder shows it; the duties area supplies them through DutySource.
type Duty struct {
	Duty  *hitori.Duty
	Owner string        // the assignee's name; "" when unassigned
	Next  []hitori.Date // the next due dates
}

// Recovery is the vault's state for the recovery procedure.
type Recovery struct {
	VaultExists bool
	Mode        string    // hitori.VaultKeyFile or hitori.VaultPassphrase
	KitIssued   time.Time // zero: no emergency kit yet
	VaultID     string
}

// VaultFileName is the name of the encrypted vault export inside the binder.
const VaultFileName = "vault-export.hitori-vault"

// IndexName is the binder's page.
const IndexName = "index.html"
