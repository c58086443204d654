package schemas

// CompileAll compiles every embedded schema afresh, for the benchmark of the
// one-time cost that the first validation pays.
func CompileAll() error {
	_, err := load(files)
	return err
}
