package binder

import (
	"context"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"hitori"
)

// RegisterSource is the handover register as the binder reads it (the
// handover service; the caller's context may read every entry).
type RegisterSource interface {
	AllSystems(ctx context.Context) ([]*hitori.System, error)
	AllVendors(ctx context.Context) ([]*hitori.Vendor, error)
	AllContracts(ctx context.Context) ([]*hitori.Contract, error)
}

// register gathers the register; the diagram and the renewal calendar come
// from their own sources when wired, the calendar otherwise from the
// contracts' decision and end dates.
func register(ctx context.Context, src Sources, t Translator, today hitori.Date) (Register, error) {
	var r Register
	if src.Register == nil {
		return r, nil
	}
	var err error
	if r.Systems, err = src.Register.AllSystems(ctx); err != nil {
		return r, fmt.Errorf("binder: systems: %w", err)
	}
	if r.Vendors, err = src.Register.AllVendors(ctx); err != nil {
		return r, fmt.Errorf("binder: vendors: %w", err)
	}
	if r.Contracts, err = src.Register.AllContracts(ctx); err != nil {
		return r, fmt.Errorf("binder: contracts: %w", err)
	}
	slices.SortStableFunc(r.Systems, func(a, b *hitori.System) int {
		if c := a.Criticality.Rank() - b.Criticality.Rank(); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	slices.SortStableFunc(r.Vendors, func(a, b *hitori.Vendor) int { return strings.Compare(a.Name, b.Name) })
	if src.Diagram != nil && len(r.Systems) > 0 {
		// Our own SVG writer's output (it escapes every text); the binder's
		// CSP runs no script in it anyway.
		r.Diagram = template.HTML(localLinks(src.Diagram(r.Systems, func(key string) string { return t(key) })))
	}
	if src.Renewals != nil {
		if r.Renewals, err = src.Renewals(ctx); err != nil {
			return r, fmt.Errorf("binder: renewals: %w", err)
		}
	} else {
		r.Renewals = contractRenewals(r.Contracts, today)
	}
	return r, nil
}

// contractRenewals lists the contracts' decision dates (end − notice: the
// last day to cancel) and end dates from today on, soonest first.
func contractRenewals(cs []*hitori.Contract, today hitori.Date) []Renewal {
	var out []Renewal
	for _, c := range cs {
		label := c.Title
		if c.Vendor != "" {
			label = c.Vendor + " · " + c.Title
		}
		if d := c.DecisionOn(); d != "" && d >= today && d != c.EndsOn {
			out = append(out, Renewal{On: d, Kind: hitori.ExpiryDecision, Label: label})
		}
		if c.EndsOn != "" && c.EndsOn >= today {
			out = append(out, Renewal{On: c.EndsOn, Kind: hitori.ExpiryContractEnd, Label: label})
		}
	}
	slices.SortStableFunc(out, func(a, b Renewal) int { return strings.Compare(string(a.On), string(b.On)) })
	return out
}

var (
	diagramSystem = regexp.MustCompile(`href="/systems/(\d+)"`)
	diagramOther  = regexp.MustCompile(`href="/[^"]*"`)
)

// localLinks points the diagram's links into the binder: a system's box to
// its row, anything else (an asset's box) to the asset summary; a server
// path would lead nowhere from a USB stick.
func localLinks(svg []byte) []byte {
	svg = diagramSystem.ReplaceAll(svg, []byte(`href="#system-$1"`))
	return diagramOther.ReplaceAll(svg, []byte(`href="#assets"`))
}
