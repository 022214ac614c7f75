//! A loopback HTTP proxy in front of the sandbox that can lose one answer: it forwards a refresh
//! request, lets the server rotate the tokens, then drops the connection instead of replying. A real
//! server never does this on demand; a flaky network does.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub struct LossyProxy {
    pub url: String,
    drops: Arc<AtomicUsize>,
    /// How many refresh answers were swallowed so far.
    pub dropped: Arc<AtomicUsize>,
}

impl LossyProxy {
    pub fn start(upstream: &str) -> LossyProxy {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let drops = Arc::new(AtomicUsize::new(0));
        let dropped = Arc::new(AtomicUsize::new(0));
        let (d, dd) = (drops.clone(), dropped.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (upstream, d, dd) = (upstream.clone(), d.clone(), dd.clone());
                std::thread::spawn(move || {
                    // A broken exchange is the point of this proxy; nothing to report.
                    let _ = serve(client, &upstream, &d, &dd);
                });
            }
        });
        LossyProxy {
            url,
            drops,
            dropped,
        }
    }

    /// Swallow the answer to the next refresh request.
    pub fn lose_next_refresh_answer(&self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

fn serve(
    mut client: TcpStream,
    upstream: &str,
    drops: &AtomicUsize,
    dropped: &AtomicUsize,
) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(20)))?;
    let request = read_request(&mut client)?;
    let text = String::from_utf8_lossy(&request);
    let is_refresh = text.contains("grant_type=refresh_token");
    // One request per connection: ask the server to close, so the answer ends at EOF.
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines: Vec<&str> = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    let forwarded = format!("{}\r\n\r\n{}", lines.join("\r\n"), body);
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(forwarded.as_bytes())?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    if is_refresh
        && drops
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    {
        dropped.fetch_add(1, Ordering::SeqCst);
        return client.shutdown(std::net::Shutdown::Both);
    }
    client.write_all(&answer)
}

fn read_request(client: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = client.read(&mut buf)?;
        if n == 0 {
            return Ok(data);
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return Ok(data);
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
