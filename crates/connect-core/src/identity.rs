//! Who a token belongs to, read from Factorial's credentials endpoint.
//!
//! `GET /api/<version>/resources/api_public/credentials` answers with Factorial's list envelope
//! `{"data": [ {...} ], "meta": {...}}`. Only a few field names are known (see shared notes), so the
//! parser is lenient: it accepts the envelope or a bare object, numbers or strings for ids, and
//! falls back to whatever names the owner best.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::plain_text;

/// Whether a token acts for one user or for the whole company.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    User,
    Company,
}

impl AccountKind {
    /// What a `--company` flag or the window's "Connect company" button asks for.
    pub fn for_company(company: bool) -> Self {
        if company {
            AccountKind::Company
        } else {
            AccountKind::User
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::User => "user",
            AccountKind::Company => "company",
        }
    }
}

/// What the credentials endpoint says about a token's owner.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub kind: AccountKind,
    /// The owner's own id: the employee or user id for a user, the company id for a company.
    pub owner_id: Option<String>,
    pub company_id: Option<String>,
    pub email: Option<String>,
    /// A person's full name or a company's name.
    pub name: Option<String>,
    pub role: Option<String>,
}

impl Identity {
    /// Parses the endpoint's JSON. `expected` is the kind that was asked for; the answer wins when it
    /// says otherwise. `None` when nothing in it names an owner.
    pub fn from_credentials(body: &Value, expected: AccountKind) -> Option<Identity> {
        let item = match body.get("data") {
            Some(Value::Array(items)) => items.first()?,
            Some(obj @ Value::Object(_)) => obj,
            _ => body,
        };
        if !item.is_object() {
            return None;
        }
        let text = |names: &[&str]| -> Option<String> {
            names.iter().find_map(|n| match item.get(*n) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(plain_text(s.trim(), 200)),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        let declared =
            text(&["resource_owner_type", "type", "owner_type"]).map(|t| t.to_ascii_lowercase());
        let kind = match declared.as_deref() {
            Some(t) if t.contains("company") => AccountKind::Company,
            Some(t) if t.contains("user") || t.contains("employee") => AccountKind::User,
            _ if text(&["email"]).is_some() => AccountKind::User,
            _ => expected,
        };
        let company_id = text(&["company_id"]);
        let owner_id = match kind {
            AccountKind::User => text(&["employee_id", "user_id", "id"]),
            AccountKind::Company => company_id.clone().or_else(|| text(&["id"])),
        };
        let identity = Identity {
            kind,
            owner_id,
            company_id,
            email: text(&["email", "login_email"]),
            name: text(&["full_name", "name", "legal_name"]),
            role: text(&["role", "access_role"]),
        };
        (identity.owner_id.is_some() || identity.email.is_some() || identity.name.is_some())
            .then_some(identity)
    }

    /// The account's short id inside one application, e.g. `company-7` or `user-12`.
    pub fn account_id(&self) -> String {
        let who = self
            .owner_id
            .clone()
            .or_else(|| self.email.clone())
            .or_else(|| self.name.clone())
            .unwrap_or_else(|| "unknown".to_string());
        let safe: String = who
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .take(64)
            .collect();
        format!("{}-{safe}", self.kind.as_str())
    }

    /// A human label: "Ana García <ana@acme.test>" or "Acme S.L. (company 7)".
    pub fn label(&self) -> String {
        match (self.kind, &self.name, &self.email) {
            (AccountKind::User, Some(name), Some(email)) => format!("{name} <{email}>"),
            (AccountKind::User, None, Some(email)) => email.clone(),
            (AccountKind::Company, Some(name), _) => match &self.company_id {
                Some(id) => format!("{name} (company {id})"),
                None => name.clone(),
            },
            (_, Some(name), _) => name.clone(),
            _ => self.account_id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn user_in_an_envelope() {
        let body = json!({"data": [{"id": 3, "email": "ana@acme.test", "full_name": "Ana García",
            "role": "admin", "employee_id": 12, "company_id": 7}], "meta": {}});
        let id = Identity::from_credentials(&body, AccountKind::Company).unwrap();
        assert_eq!(id.kind, AccountKind::User);
        assert_eq!(id.account_id(), "user-12");
        assert_eq!(id.label(), "Ana García <ana@acme.test>");
    }

    #[test]
    fn company_bare_object_and_odd_shapes() {
        let body = json!({"id": 7, "name": "Acme S.L.", "company_id": "7", "resource_owner_type": "company"});
        let id = Identity::from_credentials(&body, AccountKind::User).unwrap();
        assert_eq!(id.kind, AccountKind::Company);
        assert_eq!(id.account_id(), "company-7");
        assert_eq!(id.label(), "Acme S.L. (company 7)");
        assert!(Identity::from_credentials(&json!({"data": []}), AccountKind::User).is_none());
        assert!(Identity::from_credentials(&json!([1, 2]), AccountKind::User).is_none());
        assert!(
            Identity::from_credentials(&json!({"data": [{"x": 1}]}), AccountKind::User).is_none()
        );
    }
}
