//! `asocia reference`: the scenario reference, generated from the scenario crate's registry of
//! sections and keys, printed as Markdown (`docs/reference.md` is this text; an integration
//! test checks it).

/// Prints the reference to standard output.
pub fn reference() {
    out!("{}", asocia_scenario::keys::reference_markdown());
}
