package work

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"hitori"
)

// memSettings is an in-memory SettingStore.
type memSettings struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *memSettings) GetSetting(ctx context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if !ok {
		return "", hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return v, nil
}

func (s *memSettings) SetSetting(ctx context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[key] = value
	return nil
}

// itemsWithSettings is an item store that also keeps settings, as sqlstore.DB does.
type itemsWithSettings struct {
	memItems
	memSettings
}

func TestSettingsCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		fields []string
		lines  []int
	}{
		{"defaults", func(*Settings) {}, nil, nil},
		{"holiday lines", func(s *Settings) { s.Holidays = "# c\n2026-02-30 x\nok-line\n2026-05-01 創立記念日\n2026-06-01" },
			[]string{"holidays"}, []int{2, 3, 5}},
		{"bad open", func(s *Settings) { s.Open = "9時" }, []string{"open"}, nil},
		{"24:00 close is fine", func(s *Settings) { s.Close = "24:00" }, nil, nil},
		{"close before open", func(s *Settings) { s.Open, s.Close = "18:00", "09:00" }, []string{"close"}, nil},
		{"no workdays", func(s *Settings) { s.Workdays = nil }, []string{"workdays"}, nil},
		{"negative target", func(s *Settings) { s.Targets[2] = Target{FirstResponse: -1, Resolution: 4} }, []string{"q2_first"}, nil},
		{"resolution first", func(s *Settings) { s.Targets[1] = Target{FirstResponse: 5, Resolution: 2} }, []string{"q1_resolution"}, nil},
		{"no targets at all is allowed", func(s *Settings) { s.Targets[4] = Target{} }, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := DefaultSettings()
			tt.change(&st)
			_, err := st.compile()
			var bad *SettingsError
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("compile: %v, want no error", err)
				}
				return
			}
			if !errors.As(err, &bad) {
				t.Fatalf("compile: %v, want a SettingsError", err)
			}
			for _, f := range tt.fields {
				if bad.Fields[f] == "" {
					t.Errorf("no error for %s in %v", f, bad.Fields)
				}
			}
			if len(bad.Fields) != len(tt.fields) {
				t.Errorf("errors %v, want only %v", bad.Fields, tt.fields)
			}
			var lines []int
			for _, pe := range bad.Holidays {
				lines = append(lines, pe.Line)
			}
			if len(lines) != len(tt.lines) {
				t.Fatalf("bad lines %v, want %v", lines, tt.lines)
			}
			for i := range lines {
				if lines[i] != tt.lines[i] {
					t.Fatalf("bad lines %v, want %v", lines, tt.lines)
				}
			}
		})
	}
}

func TestSettingsSaveLoadApply(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	store := &itemsWithSettings{}
	s := New(store, store)
	if s.LoadErr != nil {
		t.Fatalf("load from an empty store: %v", s.LoadErr)
	}
	st := DefaultSettings()
	st.Open, st.Close = "10:00", "12:00"
	st.Workdays = []time.Weekday{time.Monday, time.Wednesday}
	st.Holidays = "2026-11-30 臨時休業"
	st.Targets[4] = Target{FirstResponse: 3, Resolution: 0}
	if err := s.Save(context.Background(), store, st); err != nil {
		t.Fatal(err)
	}
	// Wednesday 2026-11-25 11:00: one hour today, Monday the 30th is off, two on Wednesday 12-02.
	s.Now = func() time.Time { return time.Date(2026, 11, 25, 11, 0, 0, 0, jst) }
	it := &hitori.Item{Title: "x"}
	if err := s.Create(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 2, 12, 0, 0, 0, jst); !it.FirstResponseDue.Equal(want) {
		t.Errorf("first response due %v, want %v", it.FirstResponseDue.In(jst), want)
	}
	if it.ResolutionDue != nil {
		t.Errorf("resolution due %v, want none (0 hours)", it.ResolutionDue)
	}
	// A second service on the same store (another process, a restart) loads them.
	s2 := New(store, store)
	if got := s2.Settings(); s2.LoadErr != nil || got.Open != "10:00" || got.Targets[4].FirstResponse != 3 || len(got.Workdays) != 2 {
		t.Errorf("loaded %+v, %v", got, s2.LoadErr)
	}
	// A refused save changes nothing.
	bad := st
	bad.Close = "09:00"
	if err := s.Save(context.Background(), store, bad); err == nil {
		t.Fatal("saved settings with closing before opening")
	}
	if s.Settings().Close != "12:00" {
		t.Error("a refused save changed the settings in force")
	}
	// A stored value that no longer passes is reported, and the defaults stay.
	store.m[SettingsKey] = `{"open":"25:00"}`
	s3 := New(store, store)
	if s3.LoadErr == nil || s3.Settings().Open != "09:00" {
		t.Errorf("bad stored settings: load error %v, open %s", s3.LoadErr, s3.Settings().Open)
	}
}

func TestCreateAsRequester(t *testing.T) {
	sato := &hitori.User{ID: 7, Email: "sato@example.com", Name: "佐藤", Role: hitori.RoleRequester}
	ctx := hitori.NewContextWithUser(context.Background(), sato)
	other := int64(8)
	tests := []struct {
		name string
		it   hitori.Item
		code string
	}{
		{"own ticket", hitori.Item{Title: "VPN", Urgent: true}, ""},
		{"for someone else", hitori.Item{Title: "VPN", RequesterID: &other}, hitori.EFORBIDDEN},
		{"important is the staff's call", hitori.Item{Title: "VPN", Important: true}, hitori.EINVALID},
		{"a task", hitori.Item{Title: "VPN", Type: hitori.TypeTask}, hitori.EINVALID},
		{"e-mail source", hitori.Item{Title: "VPN", Source: hitori.SourceEmail}, hitori.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &memItems{}
			s := New(m, nil)
			it := tt.it
			err := s.Create(ctx, &it)
			if hitori.ErrorCode(err) != tt.code && !(err == nil && tt.code == "") {
				t.Fatalf("create: %v, want code %q", err, tt.code)
			}
			if tt.code != "" {
				if len(m.created) != 0 {
					t.Fatal("stored a refused item")
				}
				return
			}
			if it.RequesterID == nil || *it.RequesterID != sato.ID || it.RequesterName != "佐藤" || it.Source != hitori.SourcePortal || it.FirstResponseDue == nil {
				t.Errorf("created %+v", it)
			}
		})
	}
	viewer := hitori.NewContextWithUser(context.Background(), &hitori.User{ID: 9, Role: hitori.RoleViewer})
	if err := New(&memItems{}, nil).Create(viewer, &hitori.Item{Title: "x"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
		t.Errorf("viewer create: %v, want forbidden", err)
	}
}

func TestCreateRefreshesStaleSettings(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	store := &itemsWithSettings{}
	a, b := New(store, store), New(store, store) // two processes on one database
	st := DefaultSettings()
	st.Targets[4] = Target{FirstResponse: 2, Resolution: 10}
	if err := a.Save(context.Background(), store, st); err != nil {
		t.Fatal(err)
	}
	b.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, jst) }
	it := &hitori.Item{Title: "fresh settings are kept for a minute"}
	if err := b.Create(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	// Q4's default first response is 9 business hours: 10:00 Wednesday + 9h = 10:00 Thursday.
	if want := time.Date(2026, 11, 26, 10, 0, 0, 0, jst); !it.FirstResponseDue.Equal(want) {
		t.Fatalf("within a minute b keeps its own settings: due %v, want %v", it.FirstResponseDue.In(jst), want)
	}
	b.mu.Lock()
	b.loadedAt = time.Now().Add(-2 * RefreshEvery)
	b.mu.Unlock()
	it = &hitori.Item{Title: "stale settings are read again"}
	if err := b.Create(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 25, 12, 0, 0, 0, jst); !it.FirstResponseDue.Equal(want) {
		t.Fatalf("after refresh: due %v, want %v (a's 2-hour target)", it.FirstResponseDue.In(jst), want)
	}
}

func TestCategoryTargets(t *testing.T) {
	st := DefaultSettings()
	st.CategoryTargets = "# security first\nセキュリティ, 1, 0.5, 4\nセキュリティ、2、1、8\n"
	c, err := st.compile()
	if err != nil {
		t.Fatal(err)
	}
	sec := c.byCategory["セキュリティ"]
	if sec[1].FirstResponse != 30*time.Minute || sec[2].Resolution != 8*time.Hour || sec[4] != c.policies[4] {
		t.Fatalf("security policies = %+v", sec)
	}
	for _, bad := range []string{"x, 5, 1, 2", "x, 1, 3, 2", "x, 1, a, 2", "x, 1, 2", ", 1, 1, 2"} {
		st.CategoryTargets = "ok, 1, 1, 2\n" + bad
		_, err := st.compile()
		var se *SettingsError
		if !errors.As(err, &se) || se.CategoryLine != 2 {
			t.Errorf("%q: got %v, want a line-2 error", bad, err)
		}
	}
}
