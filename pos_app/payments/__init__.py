"""Adapters to payment providers: no Qt, no store, no ui (an import contract checks it).

Services call one interface, :class:`pos_app.payments.base.PaymentProvider`; the state machine and
the providers' rules live in ``pos_app.domain`` and the intent rows in ``pos_app.store``.
"""
