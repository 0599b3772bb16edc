package service

import (
	"sync"
	"time"

	"standing/internal/store"
)

// keyCacheFor is how long an authenticated key is trusted without reading
// it again. A revocation or a staff change made through this process clears
// the cache at once; one made by another process (the command line, another
// replica) takes effect within this time.
const keyCacheFor = time.Second

// keyCache holds the keys recently authenticated, by their hash, so that a
// request does not begin with a read transaction: over HTTP that read was a
// fifth of a sign-up's CPU. Only keys that exist are held, so it holds at
// most the keys issued.
type keyCache struct {
	mu   sync.Mutex
	gen  uint64 // counts clears, so a read begun before one is not kept
	keys map[string]cachedKey
}

type cachedKey struct {
	key  store.Key
	read time.Time // monotonic: when the key was read from the database
}

// get returns the key held for hash while it is fresh, and the generation
// to hand put after reading it from the database otherwise.
func (c *keyCache) get(hash string) (store.Key, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.keys[hash]
	if !ok || time.Since(e.read) >= keyCacheFor {
		return store.Key{}, false, c.gen
	}
	return e.key, true, c.gen
}

// put holds k, read at read, unless the cache was cleared since gen.
func (c *keyCache) put(hash string, k store.Key, read time.Time, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.keys == nil {
		c.keys = map[string]cachedKey{}
	}
	c.keys[hash] = cachedKey{key: k, read: read}
}

// touched records that the key's use at now was written, so the next
// request does not write it again.
func (c *keyCache) touched(hash string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.keys[hash]; ok {
		e.key.LastUsedAt = &now
		c.keys[hash] = e
	}
}

// clear forgets every key: a key was revoked or a staff member changed.
func (c *keyCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.keys)
}
