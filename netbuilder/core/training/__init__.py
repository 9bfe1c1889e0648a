"""Training: settings, data sources, the worker process and its client, run history.

Qt-free. Keras/TensorFlow are imported only inside the worker and the functions
that build, compile or fit models.
"""
