"""Helpers the tests share: the CLI runner, environments, databases, module probes."""
