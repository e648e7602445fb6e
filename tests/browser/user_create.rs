//! The generated password of the create-user screen.

use tenantry_portal::pages::user_create::generate_password;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn generated_passwords_are_long_mixed_and_different() {
    let first = generate_password();
    assert_eq!(first.len(), 20);
    assert!(
        first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    assert!(first.chars().any(|c| c.is_ascii_uppercase()));
    assert!(first.chars().any(|c| c.is_ascii_lowercase()));
    assert!(first.chars().any(|c| c.is_ascii_digit()));
    assert_ne!(first, generate_password());
}
