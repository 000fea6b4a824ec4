package asset

import (
	"context"
	"sync"

	"hitori"
)

// Group commit for agent reports. Every PC of a fleet reports largely the
// same programs, so the first reports of new PCs write the same scattered
// index pages (installations by package); one transaction for the reports
// that arrive together commits those pages once instead of once per
// report. No timer: a report arriving while a batch is being written waits
// and joins the next one, so a lone report is written at once, and under
// load batches grow by themselves up to maxInventoryBatch.

// maxInventoryBatch bounds a batch: its reports wait for one another's
// writes, and a failed batch is retried one report at a time.
const maxInventoryBatch = 32

// queuedReport is one caller's report waiting for its batch.
type queuedReport struct {
	ctx    context.Context
	report *hitori.InventoryReport
	opt    hitori.InventoryApply
	out    hitori.InventoryOutcome
	err    error
	// wake says the report's turn has come: true, lead the next batch
	// (its first report is this one); false, written (out, err).
	wake chan bool
}

// inventoryBatcher queues reports; at most one batch is written at a time.
type inventoryBatcher struct {
	mu      sync.Mutex
	queue   []*queuedReport
	writing bool
}

// apply writes r in the next batch and returns its own outcome.
func (b *inventoryBatcher) apply(ctx context.Context, st hitori.InventoryStore, r *hitori.InventoryReport, opt hitori.InventoryApply) (hitori.InventoryOutcome, error) {
	q := &queuedReport{ctx: ctx, report: r, opt: opt, wake: make(chan bool, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, q)
	lead := !b.writing
	b.writing = true
	b.mu.Unlock()
	if !lead {
		lead = <-q.wake
	}
	if lead {
		b.writeNext(st)
	}
	return q.out, q.err
}

// writeNext writes the queue's first reports (the leader's among them),
// then hands the lead to the first report left waiting, so that no caller
// writes other callers' batches for longer than its own.
func (b *inventoryBatcher) writeNext(st hitori.InventoryStore) {
	b.mu.Lock()
	n := min(len(b.queue), maxInventoryBatch)
	batch := make([]*queuedReport, n)
	copy(batch, b.queue)
	b.queue = append(b.queue[:0], b.queue[n:]...)
	b.mu.Unlock()

	reports := make([]*hitori.InventoryReport, n)
	opts := make([]hitori.InventoryApply, n)
	for i, q := range batch {
		reports[i], opts[i] = q.report, q.opt
	}
	// The batch is everyone's: one caller going away must not cancel the
	// others' writes.
	outs, errs := st.ApplyInventoryBatch(context.WithoutCancel(batch[0].ctx), reports, opts)
	for i, q := range batch {
		q.out, q.err = outs[i], errs[i]
		if i > 0 {
			q.wake <- false
		}
	}

	b.mu.Lock()
	var next *queuedReport
	if len(b.queue) > 0 {
		next = b.queue[0]
	} else {
		b.writing = false
	}
	b.mu.Unlock()
	if next != nil {
		next.wake <- true
	}
}
