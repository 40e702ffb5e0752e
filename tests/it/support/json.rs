//! Reading the JSON that crm prints and servers answer.

use serde_json::Value;

/// The string at `pointer` (a JSON pointer such as `/id` or `/data/name`) in each item of the
/// array `list`, in order; fails the test where `list` is no array or an item has no string there.
pub fn strings<'a>(list: &'a Value, pointer: &str) -> Vec<&'a str> {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"));
    items
        .iter()
        .map(|item| {
            item.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("no string at {pointer} in {item}"))
        })
        .collect()
}
