package asset

import "sync"

// titleCache remembers TitleKey's answers. A fleet reports the same few
// thousand program names over and over, and TitleKey (NFKC, regular
// expressions, repeated passes) costs about 8 µs a name: 7 ms for a PC
// with 900 programs, more than the rest of writing its inventory.
type titleCache struct {
	mu   sync.Mutex
	keys map[string]string
}

// maxTitleCache bounds the cache (about 100 bytes an entry); when full it
// starts again rather than tracking use.
const maxTitleCache = 50000

func (c *titleCache) key(name string) string {
	c.mu.Lock()
	k, ok := c.keys[name]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = TitleKey(name)
	c.mu.Lock()
	if c.keys == nil || len(c.keys) >= maxTitleCache {
		c.keys = make(map[string]string)
	}
	c.keys[name] = k
	c.mu.Unlock()
	return k
}
