"""Running extraction over many articles: batches (``plan``), one batch (``batch``), atomic shards
(``shards``), resume state (``state``), progress (``progress``) and the Dask executor (``cluster``).
``marsad.runner.run`` ties them together for ``marsad extract``."""
