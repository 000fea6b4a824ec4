package sqlstore

import "hitori"

// Stores returns the database's stores, one per area, for wiring.
func (db *DB) Stores() hitori.Stores {
	return hitori.Stores{
		Users:      db.Users(),
		Auth:       db.Auth(),
		LoginLinks: db.LoginLinks(),
		Audit:      db.Audit(),
		Articles:   db.Articles(),
		Items:      db.Items(),
		MailLog:    db.MailLog(),
		Settings:   db.Settings(),
		Health:     db,
		Jobs:       db.Jobs(),
		Assets:     db.Assets(),
		Vault:      db.Vault(),
		Monitors:   db.Monitors(),
		Handover:   db.Handover(),
		Incidents:  db.Incidents(),
		Channels:   db.Channels(),
		Duties:     db.Duties(),
		Standins:   db.Standins(),
		Reports:    db.Reports(),
	}
}
