package hitori

// CheckRequesterItem applies the one rule for what a requester may set on
// an item they open: they say what they need (and whether it is urgent to
// them); who works it, how important it is and when it is due are the
// staff's call. It fills the requester from u. work.Service.Create and the
// store both apply it, so no channel can open an item past it.
func CheckRequesterItem(u *User, it *Item) error {
	if it.RequesterID != nil && *it.RequesterID != u.ID {
		return KeyError(EFORBIDDEN, "error.forbidden")
	}
	staffOnly := []struct {
		field string
		set   bool
	}{
		{"type", it.Type != "" && it.Type != TypeTicket},
		{"important", it.Important},
		{"assignee_id", it.AssigneeID != nil},
		{"vendor", it.Vendor != ""},
		{"due_at", it.DueAt != nil},
		{"first_response_due", it.FirstResponseDue != nil},
		{"resolution_due", it.ResolutionDue != nil},
		{"message_id", it.MessageID != ""},
		{"source", it.Source != "" && it.Source != SourcePortal && it.Source != SourceAPI},
	}
	for _, f := range staffOnly {
		if f.set {
			return FieldError(f.field, "error.item_not_allowed")
		}
	}
	it.RequesterID, it.RequesterName, it.RequesterEmail = &u.ID, u.Name, u.Email
	return nil
}

// CheckRequesterUpdate applies the one rule for what a requester may change
// on an item after opening it: they may close their own open item as solved,
// and nothing else. work.Service.ResolveMine and the store both apply it.
func CheckRequesterUpdate(u *User, it *Item, upd ItemUpdate) error {
	if it.RequesterID == nil || *it.RequesterID != u.ID {
		return KeyError(ENOTFOUND, "error.not_found") // as the store answers for others' items
	}
	only := ItemUpdate{Status: upd.Status}
	if upd != only || upd.Status == nil || *upd.Status != StatusResolved {
		return KeyError(EFORBIDDEN, "error.forbidden")
	}
	if it.MergedInto != nil {
		return KeyError(ECONFLICT, "error.item_merged")
	}
	if !it.Status.Open() {
		return KeyError(ECONFLICT, "error.item_not_open")
	}
	return nil
}
