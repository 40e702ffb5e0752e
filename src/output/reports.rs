//! PLACEHOLDER until the rendering branch lands: JSON only.
use crate::error::Result;
use crate::output::Format;
use crate::reports::{Change, Summary, Timeline};
use crate::streams::Streams;

fn json<T: serde::Serialize>(streams: &Streams, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| crate::error::Error::usage(e.to_string()))?;
    streams.out(&format!("{text}\n"))
}
pub fn write_summary(streams: &Streams, _format: Format, summary: &Summary) -> Result<()> {
    json(streams, summary)
}
pub fn write_timeline(streams: &Streams, _format: Format, timeline: &Timeline) -> Result<()> {
    json(streams, timeline)
}
pub fn write_history(streams: &Streams, _format: Format, changes: &[Change]) -> Result<()> {
    json(streams, &changes)
}
