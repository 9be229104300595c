"""The demo desk: stories as editable data files, generated photos and `manage.py load_demo`."""
