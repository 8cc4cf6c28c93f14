"""One module per screen. Modal dialogs (confirm, help, names) live here too."""
