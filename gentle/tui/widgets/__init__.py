"""Reusable widgets: the breathing pacer, the countdown, the session bar, and step views."""
