// Package words holds small text helpers the reporters and validators
// share: counted nouns, and the sanitising of text a plugin controls
// before it reaches a console, a JUnit file or Markdown (Visible, Line,
// Block, StripANSI). Pure functions, safe for concurrent use. It imports
// nothing of conform.
package words
