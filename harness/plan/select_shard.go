package plan

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// shard is the part of a run --shard I/N asks for: the I-th (1-based) of
// N. The zero value is the whole run.
type shard struct {
	index, count int
}

// parseShard reads "I/N" with 1 <= I <= N; "" is the whole run.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{}, nil
	}
	i, n, ok := strings.Cut(s, "/")
	index, errI := strconv.Atoi(i)
	count, errN := strconv.Atoi(n)
	if !ok || errI != nil || errN != nil || count < 1 || index < 1 || index > count {
		return shard{}, fmt.Errorf("--shard %q: want I/N with 1 <= I <= N, as 2/4", s)
	}
	return shard{index: index, count: count}, nil
}

// members returns the ids of ids that belong to the shard. The distinct
// ids are sorted and dealt round-robin, so the N shards of one selection
// are disjoint, cover it and differ in size by at most one.
func (s shard) members(ids []string) map[string]bool {
	distinct := map[string]bool{}
	for _, id := range ids {
		distinct[id] = true
	}
	if s.count <= 1 {
		return distinct
	}
	sorted := make([]string, 0, len(distinct))
	for id := range distinct {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	out := map[string]bool{}
	for i, id := range sorted {
		if i%s.count == s.index-1 {
			out[id] = true
		}
	}
	return out
}
