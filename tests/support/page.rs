//! Where things are on the window's page, named once for the WebDriver tests (admin_window.rs,
//! window.rs, screenshots.rs): a change to the page's markup is a change here.

/// An application's card.
pub fn app(name: &str) -> String {
    format!("[data-app='{name}']")
}

/// A button on an application's card (`edit`, `delete`, `connect-user`, `connect-company`…).
pub fn app_action(name: &str, action: &str) -> String {
    format!("[data-app='{name}'] [data-action='{action}']")
}

/// A user's account row, by Factorial's employee id.
pub fn user_account(employee_id: impl std::fmt::Display) -> String {
    format!("[data-account-id='user-{employee_id}']")
}

/// A company's account row, by Factorial's company id.
pub fn company_account(company_id: impl std::fmt::Display) -> String {
    format!("[data-account-id='company-{company_id}']")
}

/// The list of applications, and what it shows when there is none.
pub const APPS: &str = "#apps";
pub const NO_APPS: &str = ".empty";

/// The panel that waits for Factorial's answer, shown or hidden, and its paste box.
pub const WAITING: &str = "#waiting:not([hidden])";
pub const NOT_WAITING: &str = "#waiting[hidden]";
pub const PASTE: &str = "#paste";
pub const PASTE_SUBMIT: &str = "#paste-form button[type='submit']";

/// The banner over the page: an error, a success, and the button an error offers.
pub const BANNER_ERROR: &str = "#banner[data-status='error']";
pub const BANNER_OK: &str = "#banner[data-status='ok']";
pub const BANNER_REMEDY: &str = "#banner [data-action='remedy']";

/// The add and edit form.
pub const APP_NAME: &str = "#app-name";
pub const APP_CLIENT_ID: &str = "#app-client-id";
pub const APP_CLIENT_SECRET: &str = "#app-client-secret";
pub const APP_BASE_URL: &str = "#app-base-url";
pub const APP_REFRESH_LIFE: &str = "#app-refresh-life";
pub const SAVE_APP: &str = "[data-action='save-app']";

/// The "Share with servers" form.
pub const SHARE_ADDRESS: &str = "#share-address";
pub const SHARE_PATH: &str = "#share-path";
pub const SHARE_LOGIN: &str = "#share-login";
pub const SHARE_SUBMIT: &str = "[data-action='save-share']";
