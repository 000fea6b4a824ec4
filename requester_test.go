package hitori_test

import (
	"errors"
	"testing"
	"time"

	"hitori"
)

func TestCheckRequesterItem(t *testing.T) {
	sato := &hitori.User{ID: 7, Name: "佐藤", Email: "sato@example.com", Role: hitori.RoleRequester}
	other, now := int64(8), time.Now()
	tests := []struct {
		name  string
		it    hitori.Item
		code  string
		field string
	}{
		{"own ticket", hitori.Item{Title: "VPN", Urgent: true}, "", ""},
		{"own ticket, type given", hitori.Item{Title: "VPN", Type: hitori.TypeTicket}, "", ""},
		{"from the API", hitori.Item{Title: "VPN", Source: hitori.SourceAPI}, "", ""},
		{"for someone else", hitori.Item{Title: "VPN", RequesterID: &other}, hitori.EFORBIDDEN, ""},
		{"a task", hitori.Item{Title: "VPN", Type: hitori.TypeTask}, hitori.EINVALID, "type"},
		{"important", hitori.Item{Title: "VPN", Important: true}, hitori.EINVALID, "important"},
		{"assignee", hitori.Item{Title: "VPN", AssigneeID: &other}, hitori.EINVALID, "assignee_id"},
		{"vendor", hitori.Item{Title: "VPN", Vendor: "NTT"}, hitori.EINVALID, "vendor"},
		{"due date", hitori.Item{Title: "VPN", DueAt: &now}, hitori.EINVALID, "due_at"},
		{"first response due", hitori.Item{Title: "VPN", FirstResponseDue: &now}, hitori.EINVALID, "first_response_due"},
		{"resolution due", hitori.Item{Title: "VPN", ResolutionDue: &now}, hitori.EINVALID, "resolution_due"},
		{"message id", hitori.Item{Title: "VPN", MessageID: "a@b"}, hitori.EINVALID, "message_id"},
		{"e-mail source", hitori.Item{Title: "VPN", Source: hitori.SourceEmail}, hitori.EINVALID, "source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := tt.it
			err := hitori.CheckRequesterItem(sato, &it)
			if got := hitori.ErrorCode(err); got != tt.code && !(err == nil && tt.code == "") {
				t.Fatalf("got %v, want code %q", err, tt.code)
			}
			if tt.field != "" && !fieldIn(err, tt.field) {
				t.Errorf("got %v, want field %s", err, tt.field)
			}
			if tt.code == "" && (it.RequesterID == nil || *it.RequesterID != sato.ID || it.RequesterName != sato.Name || it.RequesterEmail != sato.Email) {
				t.Errorf("requester not filled: %+v", it)
			}
		})
	}
}

// fieldIn reports whether err names field.
func fieldIn(err error, field string) bool {
	var e *hitori.Error
	if !errors.As(err, &e) {
		return false
	}
	_, ok := e.Fields[field]
	return ok
}
