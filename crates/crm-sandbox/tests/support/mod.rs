//! A sandbox on a thread of its own, spoken to over plain HTTP/1.1: the tests see only what a
//! client sees.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use crm_sandbox::{SandboxVendor, ServeArgs};
use serde_json::Value;

pub struct Sandbox {
    addr: SocketAddr,
}

/// An answer: status and JSON body (`Null` when empty).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Sandbox {
    /// A sandbox of `vendor` without demo deals, kept running until the test process ends.
    pub fn start(vendor: SandboxVendor) -> Sandbox {
        Sandbox::with_demo(vendor, 0)
    }

    /// A sandbox of `vendor` with `deals` demo deals.
    pub fn with_demo(vendor: SandboxVendor, deals: usize) -> Sandbox {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let mut args = ServeArgs::new(vendor);
                args.deals = deals;
                let running = crm_sandbox::spawn(args).await.expect("sandbox starts");
                tx.send(running.addr).expect("test waits");
                std::future::pending::<()>().await;
            });
        });
        Sandbox {
            addr: rx.recv().expect("sandbox address"),
        }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer sandbox-token\r\n\
             User-Agent: reports-test/1.0\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("send");
        let mut raw = String::new();
        stream.read_to_string(&mut raw).expect("read");
        let (head, text) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
        };
        Answer { status, body }
    }

    /// A request that must answer 2xx; its body.
    pub fn ok(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let answer = self.call(method, path, body);
        assert!(
            (200..300).contains(&answer.status),
            "{method} {path}: {} {}",
            answer.status,
            answer.body
        );
        answer.body
    }

    pub fn get(&self, path: &str) -> Value {
        self.ok("GET", path, None)
    }
}
