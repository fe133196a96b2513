"""Foundation every stage imports: error types and the one home of Chinese-text knowledge (numbering, dates, issuers, years, width folding)."""
