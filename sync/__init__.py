"""Generic client of the central platform: protocol models, HTTP client, push/pull engine.

Knows nothing about Qt or the app's database: the app implements ``sync.storage.SyncStorage``.
"""
