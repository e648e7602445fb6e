//! The messages Tenantry sends, each as plain text and HTML with the same words.
//! Every value from outside (names, links) is HTML-escaped in the HTML part.

use super::message::MailContent;

/// The password reset link for one user. `recipient_name` is the user's name when
/// known; the link carries the single-use token.
pub fn password_reset(product_name: &str, recipient_name: Option<&str>, link: &str) -> MailContent {
    let greeting = greeting(recipient_name);
    let subject = format!("Reset your {product_name} password");
    let text = format!(
        "{greeting}\n\n\
         Someone asked to reset the password of your {product_name} account. \
         To choose a new password, open this link:\n\n{link}\n\n\
         The link works once and expires in one hour. If you did not ask for this, \
         ignore this message: your password stays as it is.\n"
    );
    let body = format!(
        "<p>{}</p>\n\
         <p>Someone asked to reset the password of your {} account. \
         To choose a new password, open this link:</p>\n\
         <p><a href=\"{link}\">Reset your password</a></p>\n\
         <p>Or copy it into your browser: {link}</p>\n\
         <p>The link works once and expires in one hour. If you did not ask for this, \
         ignore this message: your password stays as it is.</p>",
        escape(&greeting),
        escape(product_name),
        link = escape(link),
    );
    MailContent {
        html: page(&subject, &body),
        subject,
        text,
    }
}

/// The code that proves a user reads the address they want as their email.
pub fn email_verification(
    product_name: &str,
    recipient_name: Option<&str>,
    code: &str,
) -> MailContent {
    let greeting = greeting(recipient_name);
    let subject = format!("Your {product_name} verification code: {code}");
    let text = format!(
        "{greeting}\n\n\
         Someone asked to use this address for a {product_name} account. \
         To confirm it, enter this code:\n\n{code}\n\n\
         The code works once and expires in 10 minutes. If you did not ask for this, \
         ignore this message: nothing changes.\n"
    );
    let body = format!(
        "<p>{}</p>\n\
         <p>Someone asked to use this address for a {} account. \
         To confirm it, enter this code:</p>\n\
         <p><strong>{}</strong></p>\n\
         <p>The code works once and expires in 10 minutes. If you did not ask for this, \
         ignore this message: nothing changes.</p>",
        escape(&greeting),
        escape(product_name),
        escape(code),
    );
    MailContent {
        html: page(&subject, &body),
        subject,
        text,
    }
}

/// An invitation to join an organization, from the member who sent it.
pub fn invitation(
    product_name: &str,
    organization_name: &str,
    inviter: &str,
    link: &str,
) -> MailContent {
    let subject = format!("{inviter} invited you to {organization_name} on {product_name}");
    let text = format!(
        "Hello,\n\n\
         {inviter} invited you to join {organization_name} on {product_name}. \
         To accept, open this link:\n\n{link}\n\n\
         If you do not know {inviter}, ignore this message.\n"
    );
    let body = format!(
        "<p>Hello,</p>\n\
         <p>{inviter} invited you to join {organization} on {product}. \
         To accept, open this link:</p>\n\
         <p><a href=\"{link}\">Accept the invitation</a></p>\n\
         <p>Or copy it into your browser: {link}</p>\n\
         <p>If you do not know {inviter}, ignore this message.</p>",
        inviter = escape(inviter),
        organization = escape(organization_name),
        product = escape(product_name),
        link = escape(link),
    );
    MailContent {
        html: page(&subject, &body),
        subject,
        text,
    }
}

fn greeting(name: Option<&str>) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => format!("Hello {name},"),
        None => "Hello,".to_owned(),
    }
}

/// A minimal HTML document; mail clients ignore most CSS, so there is none.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

/// Escapes text for HTML content and double- or single-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_mail_has_the_link_in_both_parts() {
        let link = "https://portal.test/reset-password?token=abc&x=1";
        let mail = password_reset("Acme", Some("Jane"), link);
        assert_eq!(mail.subject, "Reset your Acme password");
        assert!(mail.text.starts_with("Hello Jane,"));
        assert!(mail.text.contains(link));
        assert!(
            mail.html
                .contains("href=\"https://portal.test/reset-password?token=abc&amp;x=1\"")
        );
        assert!(
            password_reset("Acme", None, link)
                .text
                .starts_with("Hello,")
        );
    }

    #[test]
    fn names_cannot_inject_html() {
        let mail = invitation(
            "<b>P</b>",
            "O'Brien & Co",
            "\"Eve\" <eve@x>",
            "https://l.test/?a=\"1\"",
        );
        assert!(!mail.html.contains("<b>P</b>"));
        assert!(mail.html.contains("O&#39;Brien &amp; Co"));
        assert!(mail.html.contains("&quot;Eve&quot; &lt;eve@x&gt;"));
        assert!(
            mail.html
                .contains("href=\"https://l.test/?a=&quot;1&quot;\"")
        );
        assert!(mail.text.contains("O'Brien & Co"));
        assert_eq!(
            mail.subject,
            "\"Eve\" <eve@x> invited you to O'Brien & Co on <b>P</b>"
        );
    }
}
