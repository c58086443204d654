// Package words holds small text helpers the reporters and validators
// share. Pure functions, safe for concurrent use. It imports nothing of
// conform.
package words
