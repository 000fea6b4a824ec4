// Package asset is the asset area's service: the register (assets, people,
// departments, licenses and their history), ledger imports and inventory
// reports all change assets through it, each change in one transaction of
// the store.
package asset

import (
	"time"

	"hitori"
)

// Service owns the asset area's rules.
type Service struct {
	Store hitori.AssetStore
	// Settings keeps the inventory endpoint's settings; nil: defaults.
	Settings hitori.SettingService
	// Now is the clock (tests set a fake one); nil: time.Now.
	Now func() time.Time

	titles    titleCache       // TitleKey of the programs agents report
	inventory inventoryBatcher // reports written together (inventory_batch.go)
	agents    settingsCache    // the inventory settings every agent request reads
}

// New returns the asset service on st.
func New(st hitori.AssetStore) *Service { return &Service{Store: st} }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
