package schemas_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/schemas"
)

// schemaFiles returns every schema document below this package's folder,
// by path, decoded.
func schemaFiles() map[string]map[string]any {
	docs := map[string]map[string]any{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		data, err := os.ReadFile(path)
		Expect(err).NotTo(HaveOccurred())
		var doc map[string]any
		Expect(json.Unmarshal(data, &doc)).To(Succeed(), path)
		docs[filepath.ToSlash(path)] = doc
		return nil
	})
	Expect(err).NotTo(HaveOccurred())
	return docs
}

var _ = Describe("the schema documents", func() {
	It("each declare draft 2020-12 and an $id naming their own path", func() {
		docs := schemaFiles()
		Expect(docs).To(HaveLen(8 + 6 + 11 + 28)) // root, plugin/, runtime/, service/
		for path, doc := range docs {
			Expect(doc).To(HaveKeyWithValue("$schema", "https://json-schema.org/draft/2020-12/schema"), path)
			Expect(doc).To(HaveKeyWithValue("$id", "https://conform.dev/schemas/"+path), path)
		}
	})

	It("list, for each service with operations, exactly the ops that have params", func() {
		for path, doc := range schemaFiles() {
			if !strings.HasPrefix(path, "service/") {
				continue
			}
			defs := doc["$defs"].(map[string]any)
			service := strings.TrimSuffix(strings.TrimPrefix(path, "service/"), ".json")
			op, hasOps := defs["op"].(map[string]any)
			if !hasOps {
				Expect(schemas.ServiceOps(service)).To(BeNil(), service)
				continue
			}
			var enum []string
			for _, v := range op["properties"].(map[string]any)["op"].(map[string]any)["enum"].([]any) {
				enum = append(enum, v.(string))
			}
			sort.Strings(enum)
			Expect(schemas.ServiceOps(service)).To(Equal(enum), service)
		}
	})

	It("compile", func() {
		Expect(schemas.CompileAll()).To(Succeed())
	})
})

var _ = Describe("Services", func() {
	It("lists every service call of CONFORMANCE.md §9 and §10.2, sorted", func() {
		Expect(schemas.Services()).To(Equal([]string{
			"broadcast.toAll", "broadcast.toUser", "broadcast.toUsers",
			"core.categories.list", "core.users.get",
			"data.kv", "data.read", "data.sql",
			"events.publish", "events.subscribe", "events.unsubscribe",
			"http.fetch", "permissions.check",
			"presence.join", "presence.leave", "presence.list", "presence.unwatch", "presence.update", "presence.watch",
			"resources.get", "resources.list",
			"schedule.cancel", "schedule.register",
			"settings.get", "settings.getAll",
			"storage.file", "voice.moderation", "voice.tokens",
		}))
	})

	It("returns a slice the caller owns", func() {
		names := schemas.Services()
		names[0] = "changed"
		Expect(schemas.Services()[0]).To(Equal("broadcast.toAll"))
		ops := schemas.ServiceOps("data.sql")
		ops[0] = "changed"
		Expect(schemas.ServiceOps("data.sql")).To(Equal([]string{"batch", "exec", "query", "run"}))
	})

	It("knows the ops of the services that have them", func() {
		Expect(schemas.ServiceOps("data.kv")).To(Equal([]string{"delete", "get", "getMany", "list", "set"}))
		Expect(schemas.ServiceOps("storage.file")).To(Equal([]string{"delete", "list", "read", "stat", "write"}))
		Expect(schemas.ServiceOps("settings.get")).To(BeNil())
		Expect(schemas.ServiceOps("no.such")).To(BeNil())
	})

	It("tells services from frame types", func() {
		Expect(schemas.IsService("data.sql")).To(BeTrue())
		Expect(schemas.IsService("weather.forecast")).To(BeFalse())
		Expect(schemas.IsService("response")).To(BeFalse())
		Expect(schemas.IsFrameType(schemas.FromPlugin, "pong")).To(BeTrue())
		Expect(schemas.IsFrameType(schemas.FromPlugin, "service-call")).To(BeFalse())
		Expect(schemas.IsFrameType(schemas.ToPlugin, "pong")).To(BeFalse())
		Expect(schemas.IsFrameType(schemas.ToPlugin, "event.deliver")).To(BeTrue())
		Expect(schemas.IsFrameType(schemas.FromPlugin, "data.sql")).To(BeFalse())
	})
})
