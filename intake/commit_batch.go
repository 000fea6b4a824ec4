package intake

import (
	"context"
)

// Batch limits of IngestFiles: a batch is committed when it holds this many
// messages or this many bytes of mail, whichever comes first.
const (
	batchMessages = 64
	batchBytes    = 16 << 20
)

// batch collects decided messages of IngestFiles and writes them in one
// transaction. A message is decided from what is committed, so one whose
// decision could depend on a message still in the batch (it answers it,
// names an item the batch creates, repeats its sender and subject, or goes
// to an item the batch writes to) first has the batch committed and is then
// decided again.
type batch struct {
	p      *Pipeline
	report func(FileResult)

	entries  []batchEntry
	bytes    int
	ids      map[string]bool // Message-IDs the batch writes
	subjects map[string]bool // sender and subject key of the messages it writes
	items    map[int64]bool  // items it appends to
	creates  int             // items it creates (their numbers are not known yet)
	commits  int             // transactions so far, for tests
}

// batchEntry is one file in the batch, in input order.
type batchEntry struct {
	path  string
	pr    *prepared // nil when the file failed before its decision
	write txWrite   // nil when there is nothing to write
	res   Result
	err   error
}

// add decides a prepared message and queues it, committing the batch first
// when the message depends on it and afterwards when the batch is full.
func (b *batch) add(ctx context.Context, path string, pr *prepared, err error) {
	e := batchEntry{path: path, pr: pr, err: err}
	if err == nil && pr.done != nil {
		e.res = *pr.done
	}
	if err == nil && pr.done == nil {
		var d decision
		d, e.err = b.decide(ctx, pr)
		if e.err != nil {
			b.p.finish(ctx, pr, false)
		} else {
			e.write = d.write
			b.note(pr, d)
		}
	}
	b.entries = append(b.entries, e)
	if len(b.entries) >= batchMessages || b.bytes >= batchBytes {
		b.flush(ctx)
	}
}

// decide decides pr, committing the batch first if the decision could
// have seen a message of the batch.
func (b *batch) decide(ctx context.Context, pr *prepared) (decision, error) {
	if b.answers(pr) {
		b.flush(ctx)
	}
	d, err := b.p.decide(ctx, pr)
	if err != nil || len(b.entries) == 0 || !b.touches(d) {
		return d, err
	}
	b.flush(ctx)
	return b.p.decide(ctx, pr)
}

// answers reports whether a message refers to one in the batch by its
// references or repeats the sender and subject of one.
func (b *batch) answers(pr *prepared) bool {
	if len(b.entries) == 0 || pr.msg.Ignore != "" {
		return false
	}
	k := ThreadKeys(pr.msg, b.p.opt.TagPrefix)
	for _, id := range k.IDs {
		if b.ids[id] {
			return true
		}
	}
	return k.Sender != "" && k.Subject != "" && b.subjects[k.Sender+"\x00"+k.Subject]
}

// touches reports whether a decision depends on what the batch writes: its
// item is one the batch appends to (whose participants and status may have
// changed), or its ticket tag found no item while the batch creates some.
func (b *batch) touches(d decision) bool {
	if d.match.ItemID != 0 && b.items[d.match.ItemID] {
		return true
	}
	tagFound := d.match.By == ByTag || d.match.By == ByReferences
	return d.keys.Tag > 0 && !tagFound && b.creates > 0
}

// note records what a queued message will write, for later decisions.
func (b *batch) note(pr *prepared, d decision) {
	if b.ids == nil {
		b.ids, b.subjects, b.items = map[string]bool{}, map[string]bool{}, map[int64]bool{}
	}
	b.bytes += len(pr.raw)
	b.ids[pr.id] = true
	if pr.msg.Ignore != "" {
		return
	}
	if d.keys.Sender != "" && d.keys.Subject != "" {
		b.subjects[d.keys.Sender+"\x00"+d.keys.Subject] = true
	}
	if d.match.ItemID == 0 {
		b.creates++
	} else {
		b.items[d.match.ItemID] = true
	}
}

// flush writes the queued messages in one transaction, settles each and
// reports them in order. If the transaction as a whole fails, each message
// is written again in its own, so one bad message never costs the others.
func (b *batch) flush(ctx context.Context) {
	var fns []func(Tx) error
	var idx []int
	for i := range b.entries {
		e := &b.entries[i]
		if e.write == nil {
			continue
		}
		idx = append(idx, i)
		fns = append(fns, func(tx Tx) error {
			var err error
			e.res, err = e.write(ctx, tx)
			return err
		})
	}
	if len(fns) > 0 {
		b.commits++
		errs, err := b.p.store.InMailBatch(ctx, fns)
		if err != nil { // nothing was written: each once more on its own
			errs = make([]error, len(fns))
			for j, fn := range fns {
				b.commits++
				errs[j] = b.p.store.InMailTx(ctx, fn)
			}
		}
		for j, i := range idx {
			e := &b.entries[i]
			e.res, e.err = b.p.settle(ctx, e.pr, e.res, errs[j])
		}
	}
	for _, e := range b.entries {
		b.report(FileResult{Path: e.path, Result: e.res, Err: e.err})
	}
	b.entries, b.bytes, b.creates = b.entries[:0], 0, 0
	clear(b.ids)
	clear(b.subjects)
	clear(b.items)
}

// abandon gives back the files of queued messages that will not be
// committed (the run was stopped).
func (b *batch) abandon(ctx context.Context) {
	for _, e := range b.entries {
		if e.write != nil {
			b.p.finish(ctx, e.pr, false)
		}
	}
	b.entries = nil
}
