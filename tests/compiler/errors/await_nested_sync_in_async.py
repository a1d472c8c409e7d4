async def main():
    def helper():
        return await fetch()
    return helper
