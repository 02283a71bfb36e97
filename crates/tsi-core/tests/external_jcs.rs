//! The RFC 8785 reference test vectors (tests/external/jcs, Apache-2.0): each input file's
//! canonical form must equal the output file byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::path::PathBuf;

#[test]
fn rfc_8785_reference_vectors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/external/jcs");
    let mut names: Vec<_> = std::fs::read_dir(dir.join("input")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), 6, "every vector file is there");
    for name in names {
        let input = std::fs::read_to_string(dir.join("input").join(&name)).unwrap();
        let expected = std::fs::read(dir.join("output").join(&name)).unwrap();
        let got = tsi_core::canonical::canonicalize(&input, 1 << 20).unwrap();
        assert_eq!(got.as_bytes(), expected.as_slice(), "{name:?}: {got}");
    }
}
