package sqlstore

// Assets is the asset area's store: the register (asset_register*.go),
// inventory reports (asset_inventory*.go) and ledger imports
// (asset_ledger*.go) share this one type.
type Assets struct {
	db *DB
}

// Assets returns the asset area's store.
func (db *DB) Assets() *Assets { return &Assets{db: db} }
