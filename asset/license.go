package asset

import (
	"context"

	"hitori"
)

// The license register: each call is one store transaction. Titles are
// keyed by TitleKey, so a license for "Microsoft Office Professional Plus
// 2019" counts the installations inventory reported as "Microsoft Office
// Professional Plus 2019 - ja-jp".

// FindLicenses returns a page of licenses with their title's compliance.
func (s *Service) FindLicenses(ctx context.Context, f hitori.LicenseFilter) ([]*hitori.License, int, error) {
	return s.Store.FindLicenses(ctx, f)
}

// FindLicense returns one license.
func (s *Service) FindLicense(ctx context.Context, id int64) (*hitori.License, error) {
	return s.Store.FindLicense(ctx, id)
}

// CreateLicense stores a new license; key "" stores none.
func (s *Service) CreateLicense(ctx context.Context, l *hitori.License, key string) error {
	return s.Store.CreateLicense(ctx, l, TitleKey(l.Title), key)
}

// UpdateLicense changes a license; key nil keeps its stored key.
func (s *Service) UpdateLicense(ctx context.Context, l *hitori.License, key *string) error {
	return s.Store.UpdateLicense(ctx, l, TitleKey(l.Title), key)
}

// DeleteLicense removes a license (audited).
func (s *Service) DeleteLicense(ctx context.Context, id int64) error {
	return s.Store.DeleteLicense(ctx, id)
}

// LicenseKey returns a license's key to an administrator (audited).
func (s *Service) LicenseKey(ctx context.Context, id int64, ip string) (string, error) {
	return s.Store.LicenseKey(ctx, id, ip)
}
