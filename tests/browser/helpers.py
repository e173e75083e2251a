"""Small actions on a JupyterLab page, shared by the browser tests."""
from __future__ import annotations

from .conftest import TOKEN


def open_notebook(page, base: str, path: str) -> None:
    """Open a notebook in a fresh JupyterLab workspace and wait until its kernel is idle."""
    page.goto(f"{base}/lab/tree/{path}?reset&token={TOKEN}")
    page.wait_for_function(
        """(path) => {
            const app = window.jupyterapp; if (!app) return false;
            const w = app.shell.currentWidget;
            return !!(w && w.context && w.context.path === path);
        }""", arg=path, timeout=60_000)
    wait_for_kernel_idle(page)


def wait_for_kernel_idle(page, timeout: int = 60_000) -> None:
    page.wait_for_function(
        """() => {
            const app = window.jupyterapp; if (!app) return false;
            const w = app.shell.currentWidget;
            const s = w && w.sessionContext;
            const k = s && s.session && s.session.kernel;
            return !!(k && s.isReady && k.status === 'idle');
        }""", timeout=timeout)


def command(page, name: str, args: dict | None = None) -> None:
    """Start a JupyterLab command (as its menu item would) without waiting for it to finish."""
    page.evaluate("([n, a]) => { window.jupyterapp.commands.execute(n, a || {}); }", [name, args])


def run_all(page) -> None:
    """Run every cell and wait until the last one has finished."""
    command(page, "notebook:run-all-cells")
    page.wait_for_function(
        """() => {
            const nb = window.jupyterapp.shell.currentWidget.content;
            const cells = nb.widgets.filter(c => c.model.type === 'code');
            return cells.every(c => c.model.executionCount !== null && !c.node.querySelector('.jp-InputPrompt')?.textContent.includes('*'));
        }""", timeout=120_000)


def open_slowly(page, base: str, path: str) -> None:
    """As open_notebook, with more time for a kernel's first start on a loaded machine."""
    page.goto(f"{base}/lab/tree/{path}?reset&token={TOKEN}")
    page.wait_for_function(
        """(path) => { const app = window.jupyterapp; const w = app && app.shell.currentWidget;
                       return !!(w && w.context && w.context.path === path); }""", arg=path, timeout=120_000)
    wait_for_kernel_idle(page, timeout=180_000)


def visible_text(page) -> str:
    """What a notebook shows its reader: rendered markdown and cell outputs (code is collapsed)."""
    parts = page.locator(".jp-Notebook .jp-MarkdownOutput, .jp-Notebook .jp-OutputArea-output")
    return "\n".join(parts.all_inner_texts())
