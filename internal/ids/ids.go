// Package ids makes the opaque, prefixed, time-ordered identifiers of the API
// (acc_, org_, ntc_ ...): ordered so that cursor pagination follows creation.
package ids

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz" // Crockford base32, lower case

var (
	mu       sync.Mutex
	lastMS   int64
	lastRand uint64
)

// New returns prefix + "_" + 20 base32 characters: 48 bits of milliseconds,
// then 52 bits that are random for a new millisecond and incremented within
// one, so ids made by one process sort in the order they were made.
func New(prefix string) string {
	ms := time.Now().UnixMilli()
	mu.Lock()
	if ms <= lastMS {
		ms = lastMS
		lastRand++
	} else {
		var b [8]byte
		_, _ = rand.Read(b[:])
		lastRand = binary.BigEndian.Uint64(b[:]) >> 13 // leave room to increment
	}
	lastMS = ms
	r := lastRand
	mu.Unlock()
	var out [20]byte
	v := uint64(ms)
	for i := 9; i >= 0; i-- {
		out[i] = alphabet[v&31]
		v >>= 5
	}
	for i := 19; i >= 10; i-- {
		out[i] = alphabet[r&31]
		r >>= 5
	}
	return prefix + "_" + string(out[:])
}
