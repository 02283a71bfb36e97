//! The sharing matrix as JS objects (#29, #30). A matrix repeats the same consent's gaps in most
//! of its cells (at 100 consents: 8 266 reasons, 299 of them distinct), and making each reason
//! anew was most of the call: each distinct finding is made once, frozen, and shared by every
//! cell that lists it. The members are set in the order serde writes them, each value made as
//! `to_js` makes it (the runtime types test checks every member against types.d.ts).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use tsi_core::documents::AuditedMatrix;
use tsi_core::finding::Finding;
use wasm_bindgen::{JsCast, JsValue};

use crate::{to_js, JsResult, RecordAs};

/// The matrix with its findings shared between cells.
pub(crate) fn matrix_to_js(matrix: &AuditedMatrix, record: RecordAs) -> JsResult {
    let mut made: HashMap<&Finding, JsValue> = HashMap::new();
    let cells = js_sys::Array::new();
    for cell in &matrix.cells {
        let reasons = js_sys::Array::new();
        for finding in &cell.decision.reasons {
            reasons.push(shared(&mut made, finding)?);
        }
        let decision = object(&[
            ("allowed", JsValue::from_bool(cell.decision.allowed)),
            ("basis", to_js(&cell.decision.basis)?),
            ("reasons", reasons.into()),
        ]);
        cells.push(&object(&[
            ("to", JsValue::from_str(&cell.to)),
            ("category", to_js(&cell.category)?),
            ("decision", decision),
            ("lapses", to_js(&cell.lapses)?),
        ]));
    }
    let audit = match record {
        RecordAs::Object => to_js(&matrix.audit)?,
        RecordAs::Json => crate::json_text(&matrix.audit)?,
    };
    Ok(object(&[("cells", cells.into()), ("expires_first", to_js(&matrix.expires_first)?), ("audit", audit)]))
}

/// The finding's JS object: made and frozen the first time, the same object after.
fn shared<'m, 'a>(made: &'m mut HashMap<&'a Finding, JsValue>, finding: &'a Finding) -> Result<&'m JsValue, JsValue> {
    match made.entry(finding) {
        Entry::Occupied(known) => Ok(known.into_mut()),
        Entry::Vacant(new) => {
            let js = to_js(finding)?;
            js_sys::Object::freeze(js.unchecked_ref::<js_sys::Object>());
            Ok(new.insert(js))
        }
    }
}

/// A plain object of these members, in this order.
fn object(members: &[(&'static str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in members {
        // Setting a member of a fresh plain object cannot fail; ignore the Result for no-panic.
        let _ = js_sys::Reflect::set(&object, &crate::names::js_name(key), value);
    }
    object.into()
}
