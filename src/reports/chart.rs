//! Bar charts for a terminal: horizontal bars in Unicode eighth blocks beside a summary's rows,
//! vertical bars (or a sparkline when narrow) under a timeline.
