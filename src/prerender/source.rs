//! Where the prerender reads the content API: a folder (the bundled sample, or a CMS's export) or
//! the base URL of a CMS that serves the contract.

use portal_core::paths;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

/// A document path and its text (`None`: the API does not have it).
type Kept = (String, Option<String>);

#[derive(Clone)]
pub struct Source {
    place: Place,
    /// The documents read for the page being written (the render reads them, then the head and
    /// the feeds), and `site.json` for the whole run: each is read once, which matters most when
    /// every read is a request to a CMS.
    kept: Rc<RefCell<Vec<Kept>>>,
    /// The first failure to read (not a missing document): the run stops on it rather than
    /// publish pages that lost their content.
    failure: Rc<RefCell<Option<String>>>,
}

#[derive(Clone)]
enum Place {
    Folder(PathBuf),
    Url(String),
}

impl Source {
    /// `api` is a folder, or an `http(s)://` base URL (`https://cms.example/api/v1`).
    pub fn new(api: &str) -> Source {
        let place = if api.starts_with("http://") || api.starts_with("https://") {
            Place::Url(api.trim_end_matches('/').to_owned())
        } else {
            Place::Folder(PathBuf::from(api))
        };
        Source {
            place,
            kept: Rc::default(),
            failure: Rc::default(),
        }
    }

    /// A document's text by its path relative to the API base; `None` if the API does not have it.
    pub fn read(&self, doc: &str) -> Option<String> {
        if let Some((_, text)) = self.kept.borrow().iter().find(|(d, _)| d == doc) {
            return text.clone();
        }
        let text = self.fetch(doc);
        self.kept.borrow_mut().push((doc.to_owned(), text.clone()));
        text
    }

    /// A new page: forget its predecessor's documents (`site.json` stays).
    pub fn next_page(&self) {
        let site = paths::site_doc();
        self.kept.borrow_mut().retain(|(d, _)| *d == site);
    }

    fn fetch(&self, doc: &str) -> Option<String> {
        let result = match &self.place {
            Place::Folder(dir) => match std::fs::read_to_string(dir.join(doc)) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(format!("{doc}: {e}")),
            },
            Place::Url(base) => fetch(&format!("{base}/{doc}")),
        };
        result.unwrap_or_else(|e| {
            self.failure.borrow_mut().get_or_insert(e);
            None
        })
    }

    /// The first failure since the last call.
    pub fn take_failure(&self) -> Option<String> {
        self.failure.borrow_mut().take()
    }
}

fn fetch(url: &str) -> Result<Option<String>, String> {
    match ureq::get(url).call() {
        Ok(mut answer) => answer
            .body_mut()
            .read_to_string()
            .map(Some)
            .map_err(|e| format!("{url}: {e}")),
        Err(ureq::Error::StatusCode(404 | 410)) => Ok(None),
        Err(e) => Err(format!("{url}: {e}")),
    }
}
