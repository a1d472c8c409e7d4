def main():
    data = await fetch()
