package intake

import "context"

// AfterCreated adds a hook run after a message's new item is committed,
// after the hook already set (see Options.OnCreated): the status page's
// deflection links mail about a known outage to its incident and answers
// it. Call it before the pipeline runs.
func (p *Pipeline) AfterCreated(f func(ctx context.Context, itemID int64)) {
	prev := p.opt.OnCreated
	p.opt.OnCreated = func(ctx context.Context, itemID int64) {
		if prev != nil {
			prev(ctx, itemID)
		}
		f(ctx, itemID)
	}
}
