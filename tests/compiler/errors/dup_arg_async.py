async def fetch(url, retries=3, *, url):
    pass
