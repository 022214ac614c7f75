//! The window as the X server sees it: how many windows carry a title, and closing one the way a
//! window manager's close button does (a WM_DELETE_WINDOW message), which GTK turns into the
//! app's close request. WebDriver cannot do this: its "close window" ends the whole app.

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};

fn atom(conn: &impl Connection, name: &str) -> u32 {
    conn.intern_atom(false, name.as_bytes())
        .unwrap()
        .reply()
        .unwrap()
        .atom
}

/// Every window under the root that is on screen (mapped) and titled `title`: one the app has
/// realized and shown, and so handles close requests for.
fn titled(conn: &impl Connection, root: Window, title: &str) -> Vec<Window> {
    let (net_wm_name, utf8) = (atom(conn, "_NET_WM_NAME"), atom(conn, "UTF8_STRING"));
    let mut found = Vec::new();
    let mut todo = vec![root];
    while let Some(window) = todo.pop() {
        if let Ok(tree) = conn.query_tree(window).map(|c| c.reply()) {
            todo.extend(tree.map(|t| t.children).unwrap_or_default());
        }
        let name = |property: u32, kind: u32| {
            conn.get_property(false, window, property, kind, 0, 256)
                .ok()
                .and_then(|c| c.reply().ok())
                .map(|r| r.value)
                .unwrap_or_default()
        };
        let wm_name = name(AtomEnum::WM_NAME.into(), AtomEnum::STRING.into());
        let shown = conn
            .get_window_attributes(window)
            .ok()
            .and_then(|c| c.reply().ok())
            .is_some_and(|a| a.map_state == MapState::VIEWABLE);
        if shown && (name(net_wm_name, utf8) == title.as_bytes() || wm_name == title.as_bytes()) {
            found.push(window);
        }
    }
    found
}

/// How many windows on screen are titled `title`.
pub fn windows(title: &str) -> usize {
    let (conn, screen) = x11rb::connect(None).expect("the test session's X display");
    let root = conn.setup().roots[screen].root;
    titled(&conn, root, title).len()
}

/// Asks every window titled `title` to close, as a close button would; answers how many.
pub fn close(title: &str) -> usize {
    let (conn, screen) = x11rb::connect(None).expect("the test session's X display");
    let root = conn.setup().roots[screen].root;
    let (protocols, delete) = (atom(&conn, "WM_PROTOCOLS"), atom(&conn, "WM_DELETE_WINDOW"));
    let windows = titled(&conn, root, title);
    for window in &windows {
        let message = ClientMessageEvent::new(32, *window, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, *window, EventMask::NO_EVENT, message)
            .unwrap();
    }
    // A round trip, as XSync does: the server has handled the messages before this connection
    // closes (a request still queued when a client goes may be dropped).
    conn.get_input_focus().unwrap().reply().unwrap();
    windows.len()
}
