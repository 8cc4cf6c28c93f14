# The soak's baseline: a minimal Textual app that counts down once a second, as gentle's
# cool-down break does, so memory growth that any Textual app shows is not put on gentle.
import time

from textual.app import App
from textual.widgets import Digits, Footer, Static


class Countdown(App):
    def compose(self):
        yield Static("Cool-down")
        yield Digits("", id="left")
        yield Footer()

    def on_mount(self):
        self.deadline = time.time() + 24 * 3600
        self.set_interval(1.0, self.tick)
        self.tick()

    def tick(self):
        left = max(0, int(self.deadline - time.time()))
        self.query_one(Digits).update(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}")


if __name__ == "__main__":
    Countdown().run()
