package proc

import "os"

// pipeSet is the three pipes of a process, both ends of each.
type pipeSet struct {
	childIn, hostIn   *os.File
	hostOut, childOut *os.File
	hostErr, childErr *os.File
}

// newPipes makes the pipes; with merge, stderr is the stdout pipe (one
// stream, in the order the process wrote it) and hostErr is nil.
func newPipes(merge bool) (*pipeSet, error) {
	var ps pipeSet
	var err error
	if ps.childIn, ps.hostIn, err = os.Pipe(); err != nil {
		return nil, err
	}
	if ps.hostOut, ps.childOut, err = os.Pipe(); err != nil {
		ps.closeAll()
		return nil, err
	}
	if merge {
		return &ps, nil
	}
	if ps.hostErr, ps.childErr, err = os.Pipe(); err != nil {
		ps.closeAll()
		return nil, err
	}
	return &ps, nil
}

func (ps *pipeSet) closeChildEnds() { CloseFiles(ps.childIn, ps.childOut, ps.childErr) }
func (ps *pipeSet) closeHostEnds()  { CloseFiles(ps.hostIn, ps.hostOut, ps.hostErr) }
func (ps *pipeSet) closeAll()       { ps.closeChildEnds(); ps.closeHostEnds() }

// CloseFiles closes every file that is not nil, ignoring errors.
func CloseFiles(files ...*os.File) {
	for _, f := range files {
		if f != nil {
			_ = f.Close()
		}
	}
}
