package sqlstore_test

import (
	"context"
	"encoding/json"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("data.kv", func() {
	ctx := context.Background()
	var db *sqlstore.DB

	BeforeEach(func() {
		db, _ = openTestDB()
	})

	setAll := func(pairs ...string) {
		GinkgoHelper()
		for i := 0; i < len(pairs); i += 2 {
			Expect(db.KVSet(ctx, pairs[i], pairs[i+1])).To(Succeed())
		}
	}

	keysOf := func(pairs []sqlstore.KVPair) []string {
		keys := make([]string, len(pairs))
		for i, p := range pairs {
			keys[i] = p.Key
		}
		return keys
	}

	It("sets, gets, replaces and deletes a value", func() {
		_, ok, err := db.KVGet(ctx, "k")
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeFalse())

		setAll("k", "one", "k", "two")
		value, ok, err := db.KVGet(ctx, "k")
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeTrue())
		Expect(value).To(Equal("two"))

		Expect(db.KVDelete(ctx, "k")).To(Succeed())
		_, ok, err = db.KVGet(ctx, "k")
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeFalse())
		Expect(db.KVDelete(ctx, "never there")).To(Succeed())
	})

	It("stores an empty value and one with any bytes", func() {
		setAll("empty", "", "odd", "line\nbreak \x00 nul é")
		value, ok, err := db.KVGet(ctx, "empty")
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeTrue())
		Expect(value).To(BeEmpty())
		value, _, err = db.KVGet(ctx, "odd")
		Expect(err).NotTo(HaveOccurred())
		Expect(value).To(Equal("line\nbreak \x00 nul é"))
	})

	It("keeps KV data in the _kv table of the plugin's own database (KV-2)", func() {
		setAll("a", "1")
		Expect(queryJSON(db, "SELECT key, value FROM _kv")).To(Equal(`[{"key":"a","value":"1"}]`))
	})

	It("refuses keys that are empty or longer than 1,024 bytes (KV-1)", func() {
		Expect(db.KVSet(ctx, "", "v")).To(beWireError(wire.CodeInvalidParams, map[string]any{"pointer": "/key"}))
		long := strings.Repeat("é", 513) // 1,026 bytes in 513 characters
		Expect(db.KVSet(ctx, long, "v")).To(beWireError(wire.CodeInvalidParams, nil))
		Expect(db.KVSet(ctx, strings.Repeat("k", 1024), "v")).To(Succeed())
		_, err := db.KVGetMany(ctx, []string{"fine", ""})
		Expect(err).To(beWireError(wire.CodeInvalidParams, map[string]any{"pointer": "/keys/1", "index": 1}))
	})

	Describe("list (KV-3)", func() {
		BeforeEach(func() {
			setAll("a%b", "1", "a_b", "2", "axb", "3", "a%", "4", "a", "5", "b", "6", "A", "7", "a%\xff", "8", "a&", "9")
		})

		It("returns the keys starting with the prefix, in byte order", func() {
			pairs, err := db.KVList(ctx, "a", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"a", "a%", "a%b", "a%\xff", "a&", "a_b", "axb"}))
			Expect(pairs[0]).To(Equal(sqlstore.KVPair{Key: "a", Value: "5"}))
		})

		It("treats % and _ as ordinary characters", func() {
			pairs, err := db.KVList(ctx, "a%", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"a%", "a%b", "a%\xff"}))
			pairs, err = db.KVList(ctx, "a_", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"a_b"}))
		})

		It("lists every key for an empty prefix, up to the limit", func() {
			pairs, err := db.KVList(ctx, "", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"A", "a", "a%", "a%b", "a%\xff", "a&", "a_b", "axb", "b"}))
			pairs, err = db.KVList(ctx, "", 2)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"A", "a"}))
		})

		It("handles a prefix ending in 0xFF bytes", func() {
			pairs, err := db.KVList(ctx, "a%\xff", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(keysOf(pairs)).To(Equal([]string{"a%\xff"}))
		})

		It("returns an empty array when nothing matches", func() {
			pairs, err := db.KVList(ctx, "zzz", 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(marshal(pairs)).To(Equal(`[]`))
		})

		It("encodes pairs as encoding/json does", func() {
			pairs, err := db.KVList(ctx, "a&", 0)
			Expect(err).NotTo(HaveOccurred())
			plain := []struct {
				Key   string `json:"key"`
				Value string `json:"value"`
			}{{"a&", "9"}}
			want, err := json.Marshal(plain)
			Expect(err).NotTo(HaveOccurred())
			Expect(marshal(pairs)).To(Equal(string(want)))
		})
	})

	It("gets many keys, with null for the missing ones", func() {
		setAll("a", "1", "c", "3")
		values, err := db.KVGetMany(ctx, []string{"c", "b", "a", "c"})
		Expect(err).NotTo(HaveOccurred())
		Expect(values).To(HaveLen(3))
		Expect(values).To(HaveKeyWithValue("b", BeNil()))
		Expect(*values["a"]).To(Equal("1"))
		Expect(marshal(values)).To(Equal(`{"a":"1","b":null,"c":"3"}`))
		plain := map[string]*string(values)
		Expect(marshal(values)).To(Equal(marshal(plain)))
	})
})
