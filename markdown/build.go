package markdown

// buildDoc moves decoded entries into a Doc, checking that each known key
// has the shape it needs (a scalar or a list). Values are checked later by
// validate, which Doc.Validate shares.
func buildDoc(entries []entry) (Doc, *ParseError) {
	var d Doc
	for _, e := range entries {
		var r Reason
		var s string
		switch e.key {
		case FieldTags:
			d.Tags, r = e.list()
		case FieldUsers:
			d.Users, r = e.list()
		case FieldID, FieldTitle, FieldCategory, FieldType, FieldVisibility, FieldReviewBy:
			s, r = e.text()
		default:
			if d.Extra == nil {
				d.Extra = map[string]string{}
			}
			d.Extra[e.key] = e.extra()
		}
		if r != "" {
			return Doc{}, &ParseError{Line: e.line, Field: e.key, Reason: r}
		}
		switch e.key {
		case FieldID:
			d.ID = s
		case FieldTitle:
			d.Title = s
		case FieldCategory:
			d.Category = s
		case FieldType:
			d.Type = Kind(s)
		case FieldVisibility:
			d.Visibility = Visibility(s)
		case FieldReviewBy:
			if s == "" {
				break
			}
			date, err := ParseDate(s)
			if err != nil {
				return Doc{}, &ParseError{Line: e.line, Field: e.key, Reason: ReasonInvalidDate, Value: quoteValue(s)}
			}
			d.ReviewBy = date
		}
	}
	return d, nil
}

// text returns a scalar value; an absent value is the empty string.
func (e entry) text() (string, Reason) {
	if e.kind == kindList {
		return "", ReasonExpectedScalar
	}
	return e.scalar, ""
}

// list returns a list value; an absent or empty list is nil so that
// Parse(Format(d)) compares equal with reflect.DeepEqual.
func (e entry) list() ([]string, Reason) {
	if e.kind == kindScalar {
		return nil, ReasonExpectedList
	}
	if len(e.items) == 0 {
		return nil, ""
	}
	return e.items, ""
}

// extra returns an unknown key's value in the form kept in Doc.Extra.
func (e entry) extra() string {
	if e.kind == kindList {
		return formatFlowList(e.items)
	}
	return e.scalar
}
